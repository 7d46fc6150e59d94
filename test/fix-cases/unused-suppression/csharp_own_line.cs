// A suppression on its own line that silences nothing: the whole line is removed.
using OpenAI.Chat;

ChatClient client = new(model: "gpt-5.5", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
// costlint-ignore uncapped-output
client.CompleteChat([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 200 });
