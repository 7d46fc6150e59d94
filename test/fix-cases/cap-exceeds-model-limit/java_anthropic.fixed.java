// A long literal keeps its suffix: `.maxTokens(100000L)` becomes the model's maximum, still a long.
package com.example;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Model;

public final class Limits {
    public static void main(String[] args) {
        AnthropicClient client = AnthropicOkHttpClient.fromEnv();
        client.messages().create(MessageCreateParams.builder().maxTokens(64000L).addUserMessage("Hello").model(Model.CLAUDE_HAIKU_4_5).build());
    }
}
