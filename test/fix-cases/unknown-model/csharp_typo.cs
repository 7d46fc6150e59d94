// An id no rate card lists, as a string Model (Anthropic's ApiEnum takes one): the nearest known id is suggested in place.
using Anthropic;
using Anthropic.Models.Messages;

AnthropicClient client = new();
await client.Messages.Create(new MessageCreateParams { MaxTokens = 300, Messages = [], Model = "claude-sonet-4-6" });
