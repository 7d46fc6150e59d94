# CrewAI's llm.call(messages) takes no request parameters: the cap goes on the LLM.
from crewai import LLM

llm = LLM(model="gpt-4o-mini", temperature=0.2, max_tokens=1024)
llm.call("Summarize the meeting notes in three bullets.")
