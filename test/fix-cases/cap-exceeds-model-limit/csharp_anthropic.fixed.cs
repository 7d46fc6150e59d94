// MaxTokens above the model's maximum output in an object initializer: the number is lowered to it.
using Anthropic;
using Anthropic.Models.Messages;

AnthropicClient client = new();
await client.Messages.Create(new MessageCreateParams { MaxTokens = 64000, Messages = [], Model = Model.ClaudeHaiku4_5 });
