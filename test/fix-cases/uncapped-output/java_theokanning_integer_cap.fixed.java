// TheoKanning's openai-java: `maxTokens` takes an Integer, so the fix writes `1024`, not `1024L`, before `.build()`.
package com.example;

import com.theokanning.openai.completion.chat.ChatCompletionRequest;
import com.theokanning.openai.completion.chat.ChatMessage;
import com.theokanning.openai.service.OpenAiService;
import java.util.List;

public final class Drafter {
    public String draft(String prompt) {
        OpenAiService service = new OpenAiService(System.getenv("OPENAI_KEY"));
        ChatCompletionRequest request = ChatCompletionRequest.builder()
                .model("gpt-4o-mini")
                .messages(List.of(new ChatMessage("user", prompt)))
                .maxTokens(1024)
                .build();
        return service.createChatCompletion(request).getChoices().get(0).getMessage().getContent();
    }
}
