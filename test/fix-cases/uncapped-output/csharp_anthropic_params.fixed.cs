// Anthropic's MessageCreateParams initializer over lines: `MaxTokens = 1024,` like its neighbours (required: a safe fix).
using Anthropic;
using Anthropic.Models.Messages;

AnthropicClient client = new();
var message = await client.Messages.Create(new MessageCreateParams
{
    Messages = [new() { Content = "Hello, Claude", Role = Role.User }],
    Model = Model.ClaudeSonnet4_6,
    MaxTokens = 1024,
});
Console.WriteLine(message);
