// A trailing suppression that silences nothing: the comment is removed.
package com.example;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.responses.ResponseCreateParams;

public final class Quiet {
    public static void main(String[] args) {
        OpenAIClient client = OpenAIOkHttpClient.fromEnv();
        client.responses().create(ResponseCreateParams.builder().input("Hi").model("gpt-5.5").maxOutputTokens(200L).build());
    }
}
