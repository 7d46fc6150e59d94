// An id no rate card lists, passed to `.model(String)`: the nearest known id is suggested in place.
package com.example;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.MessageCreateParams;

public final class Typo {
    public static void main(String[] args) {
        AnthropicClient client = AnthropicOkHttpClient.fromEnv();
        client.messages().create(MessageCreateParams.builder().maxTokens(300L).addUserMessage("Hello").model("claude-sonet-4-6").build());
    }
}
