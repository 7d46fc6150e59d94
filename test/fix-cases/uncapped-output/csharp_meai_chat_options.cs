// Microsoft.Extensions.AI: the cap is `MaxOutputTokens` in the call's ChatOptions, whatever client the IChatClient wraps.
using Microsoft.Extensions.AI;
using OpenAI;

IChatClient judge = new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY")).GetChatClient("gpt-4o-mini").AsIChatClient();
var response = await judge.GetResponseAsync("Score this answer from 1 to 5.", new ChatOptions { Temperature = 0 });
Console.WriteLine(response.Text);
