# One call through each provider's SDK, as their quickstarts write them.
import boto3
import cohere
import litellm
import ollama
from google import genai
from google.genai import types
from langchain_openai import ChatOpenAI
from mistralai import Mistral

gemini = genai.Client()
gemini.models.generate_content(model="gemini-2.5-flash", contents="Name three colors.", config=types.GenerateContentConfig(max_output_tokens=200))

bedrock = boto3.client("bedrock-runtime", region_name="us-east-1")
bedrock.converse(modelId="anthropic.claude-3-haiku-20240307-v1:0", messages=[{"role": "user", "content": [{"text": "Name three colors."}]}], inferenceConfig={"maxTokens": 200})

mistral = Mistral(api_key="k")
mistral.chat.complete(model="mistral-small-latest", max_tokens=200, messages=[{"role": "user", "content": "Name three colors."}])

co = cohere.ClientV2()
co.chat(model="command-r-plus-08-2024", max_tokens=200, messages=[{"role": "user", "content": "Name three colors."}])

litellm.completion(model="groq/llama-3.3-70b-versatile", max_tokens=200, messages=[{"role": "user", "content": "Name three colors."}])

ollama.chat(model="llama3.2", messages=[{"role": "user", "content": "Name three colors."}], options={"num_predict": 200})

llm = ChatOpenAI(model="gpt-4o-mini", max_tokens=200)
llm.invoke("Name three colors.")
