// The number inside openai.Int(...) is lowered to the model's maximum output.
package main

import (
	"context"

	"github.com/openai/openai-go/v3"
)

func main() {
	client := openai.NewClient()
	client.Chat.Completions.New(context.TODO(), openai.ChatCompletionNewParams{
		Messages:            []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Hello")},
		Model:               "gpt-4.1-mini",
		MaxCompletionTokens: openai.Int(32768),
	})
}
