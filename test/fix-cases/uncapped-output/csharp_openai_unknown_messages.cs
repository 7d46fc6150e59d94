// No fix: the messages come from a method whose type is not known here; a string and a message list need different edits.
using OpenAI.Chat;

public sealed class Summarizer(ChatClient chat)
{
    public ChatCompletion Summarize(string ticket) => chat.CompleteChat(Prompts.ForTicket(ticket));
}
