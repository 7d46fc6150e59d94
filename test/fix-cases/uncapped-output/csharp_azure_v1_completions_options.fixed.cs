// Azure.AI.OpenAI 1.x: the cap is MaxTokens in the ChatCompletionsOptions the call sends.
using Azure;
using Azure.AI.OpenAI;

var client = new OpenAIClient(new Uri("https://example.openai.azure.com/"), new AzureKeyCredential(Environment.GetEnvironmentVariable("AZURE_OPENAI_KEY")!));
var options = new ChatCompletionsOptions
{
    DeploymentName = "gpt-4o",
    Messages = { new ChatRequestUserMessage("Hello!") },
    MaxTokens = 1024,
};
var response = await client.GetChatCompletionsAsync(options);
Console.WriteLine(response.Value.Choices[0].Message.Content);
