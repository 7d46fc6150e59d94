// A top-level program's `args[0]` is a string: gathered into a ChatMessage[] so the options argument can follow.
using OpenAI.Chat;

ChatClient client = new(model: "gpt-5.5", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
Console.WriteLine(client.CompleteChat(new ChatMessage[] { args[0] }, new ChatCompletionOptions { MaxOutputTokenCount = 1024 }).Value.Content[0].Text);
