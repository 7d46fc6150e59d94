# A LlamaIndex agent's chat takes no request parameters: the cap goes on the LLM it runs.
from llama_index.core.agent import ReActAgent
from llama_index.llms.openai import OpenAI

llm = OpenAI(model="gpt-4o-mini", temperature=0)
agent = ReActAgent.from_tools([], llm=llm)
agent.chat("What is the capital of France?")
