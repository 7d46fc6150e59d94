// `.model(ChatModel.O4_MINI)` becomes `.model("...")`: the builders take a String too.
package com.example;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

public final class Retired {
    public static void main(String[] args) {
        OpenAIClient client = OpenAIOkHttpClient.fromEnv();
        client.chat().completions().create(ChatCompletionCreateParams.builder().addUserMessage("Hello").model(ChatModel.O4_MINI).maxCompletionTokens(300L).build());
    }
}
