// anthropic-java builder on one line: `.maxTokens(1024L)` goes before `.build()` (required: a safe fix).
package com.example;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;

public final class Hello {
    public static void main(String[] args) {
        AnthropicClient client = AnthropicOkHttpClient.fromEnv();
        client.messages().create(MessageCreateParams.builder().addUserMessage("Hello, Claude").model(Model.CLAUDE_SONNET_4_6).build());
    }
}
