# A suppression on its own line that silences nothing: the whole line is removed.
from openai import OpenAI

client = OpenAI()
client.responses.create(model="gpt-5.5", input="Summarize this.", max_output_tokens=200)
