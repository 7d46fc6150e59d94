import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

class Summarize {
    void run(String text) {
        OpenAIClient client = OpenAIOkHttpClient.fromEnv();
        client.chat().completions().create(ChatCompletionCreateParams.builder().addUserMessage(text).model(ChatModel.GPT_4O).build());
    }
}
