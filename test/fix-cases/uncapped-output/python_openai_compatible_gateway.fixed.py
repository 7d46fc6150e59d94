# The OpenAI SDK pointed at a gateway (OpenRouter): max_tokens, the parameter compatible providers take, whatever the model.
import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def ask(question: str, model: str = "meta-llama/llama-3.3-70b-instruct") -> str:
    completion = client.chat.completions.create(model=model, messages=[{"role": "user", "content": question}], max_tokens=1024)
    return completion.choices[0].message.content
