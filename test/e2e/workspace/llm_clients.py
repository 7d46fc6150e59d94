# Clients made once and imported elsewhere.
from openai import OpenAI

client = OpenAI()
