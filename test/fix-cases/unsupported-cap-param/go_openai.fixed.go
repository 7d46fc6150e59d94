// MaxTokens on a GPT-5 chat completion is rejected: the field is renamed to MaxCompletionTokens (both take openai.Int).
package main

import (
	"context"

	"github.com/openai/openai-go/v3"
)

func main() {
	client := openai.NewClient()
	client.Chat.Completions.New(context.TODO(), openai.ChatCompletionNewParams{
		Messages:  []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Hello")},
		Model:     openai.ChatModelGPT5_2,
		MaxCompletionTokens: openai.Int(300),
	})
}
