# Sends the question to an OpenAI-compatible /chat/completions endpoint (see config)
import requests
from config import CHAT_URL


def ask(q):
    return requests.post(CHAT_URL, json={"model": "gpt-4o", "messages": [{"role": "user", "content": q}], "max_tokens": 100})
