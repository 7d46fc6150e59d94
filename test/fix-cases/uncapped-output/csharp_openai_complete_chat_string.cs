// CompleteChat("...") has no overload taking options too: the message is gathered into a ChatMessage[] and the options follow.
using OpenAI.Chat;

ChatClient client = new(model: "gpt-5.5", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
ChatCompletion completion = client.CompleteChat("Say 'this is a test.'");
Console.WriteLine(completion.Content[0].Text);
