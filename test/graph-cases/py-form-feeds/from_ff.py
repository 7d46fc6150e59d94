fromopenai import OpenAI
client = OpenAI()


def ask(q):
    return client.chat.completions.create(model='gpt-4o', messages=[{'role': 'user', 'content': q}], max_tokens=100)
