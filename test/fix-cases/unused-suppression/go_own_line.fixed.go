// A suppression on its own line that silences nothing: the whole line is removed.
package main

import (
	"context"

	"github.com/openai/openai-go/v3"
)

func main() {
	client := openai.NewClient()
	client.Chat.Completions.New(context.TODO(), openai.ChatCompletionNewParams{Model: "gpt-5.5", MaxCompletionTokens: openai.Int(200)})
}
