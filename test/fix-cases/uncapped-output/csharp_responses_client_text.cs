// No fix: OpenAI .NET's ResponsesClient takes input text or an options object, never both, so no argument can simply be added.
using OpenAI.Responses;

ResponsesClient client = new(Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
ResponseResult response = client.CreateResponse("gpt-5.5", "Write a haiku about C#.");
Console.WriteLine(response.GetOutputText());
