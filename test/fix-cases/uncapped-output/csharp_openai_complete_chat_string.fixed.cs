// CompleteChat("...") has no overload taking options too: the message is gathered into a ChatMessage[] and the options follow.
using OpenAI.Chat;

ChatClient client = new(model: "gpt-5.5", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
ChatCompletion completion = client.CompleteChat(new ChatMessage[] { "Say 'this is a test.'" }, new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
Console.WriteLine(completion.Content[0].Text);
