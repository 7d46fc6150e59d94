// anthropic-sdk-go's MaxTokens is a required int64: written plain, after the last field (trailing comma kept).
package main

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
)

func main() {
	client := anthropic.NewClient()
	message, err := client.Messages.New(context.TODO(), anthropic.MessageNewParams{
		Messages: []anthropic.MessageParam{
			anthropic.NewUserMessage(anthropic.NewTextBlock("What is a quaternion?")),
		},
		Model: anthropic.ModelClaudeSonnet4_6,
	})
	if err != nil {
		panic(err.Error())
	}
	println(message.Content[0].Text)
}
