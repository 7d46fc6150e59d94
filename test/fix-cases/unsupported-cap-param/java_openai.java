// `.maxTokens(...)` on a GPT-5 chat completion is rejected: the builder call becomes `.maxCompletionTokens(...)`.
package com.example;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

public final class Caps {
    public static void main(String[] args) {
        OpenAIClient client = OpenAIOkHttpClient.fromEnv();
        client.chat().completions().create(ChatCompletionCreateParams.builder().addUserMessage("Hello").model(ChatModel.GPT_5_2).maxTokens(300L).build());
    }
}
