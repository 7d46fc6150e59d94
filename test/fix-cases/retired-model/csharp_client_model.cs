// OpenAI .NET binds the model to the ChatClient: its literal is replaced there.
using OpenAI.Chat;

ChatClient client = new(model: "o4-mini", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
ChatCompletion completion = client.CompleteChat([new UserChatMessage("Hello")], new ChatCompletionOptions { MaxOutputTokenCount = 300 });
