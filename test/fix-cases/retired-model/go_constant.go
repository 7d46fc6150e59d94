// An SDK model constant becomes a string literal of the replacement (openai-go's ChatModel is a string).
package main

import (
	"context"

	"github.com/openai/openai-go/v3"
)

func main() {
	client := openai.NewClient()
	client.Chat.Completions.New(context.TODO(), openai.ChatCompletionNewParams{
		Messages:            []openai.ChatCompletionMessageParamUnion{openai.UserMessage("Hello")},
		Model:               openai.ChatModelO4Mini,
		MaxCompletionTokens: openai.Int(300),
	})
}
