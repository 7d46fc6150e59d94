// Messages declared as a collection (`List<ChatMessage> history`): the options argument follows them as it is.
using OpenAI.Chat;

public sealed class SupportBot(ChatClient chat)
{
    public async Task<string> ReplyAsync(List<ChatMessage> history)
    {
        ChatCompletion completion = await chat.CompleteChatAsync(history, new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
        return completion.Content[0].Text;
    }
}
