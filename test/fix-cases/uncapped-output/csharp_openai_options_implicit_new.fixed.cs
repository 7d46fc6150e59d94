// An options object made with `new() { ... }`: OpenAI .NET's cap is MaxOutputTokenCount (it has no MaxTokens).
using OpenAI.Chat;

ChatClient client = new(model: "gpt-5.5", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
List<ChatMessage> messages = [new SystemChatMessage("You are a helpful assistant."), new UserChatMessage("Hello!")];
ChatCompletionOptions options = new() { Temperature = 0.2f, MaxOutputTokenCount = 1024 };
ChatCompletion completion = await client.CompleteChatAsync(messages, options);
Console.WriteLine(completion.Content[0].Text);
