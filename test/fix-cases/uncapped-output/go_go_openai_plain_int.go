// go-openai's MaxTokens is a plain int (no openai.Int(...)): written as it is, after the last field.
package main

import (
	"context"
	"os"

	openai "github.com/sashabaranov/go-openai"
)

func main() {
	client := openai.NewClient(os.Getenv("OPENAI_API_KEY"))
	resp, err := client.CreateChatCompletion(context.Background(), openai.ChatCompletionRequest{
		Model: openai.GPT4oMini,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleUser, Content: "Hello!"},
		},
	})
	if err != nil {
		panic(err)
	}
	println(resp.Choices[0].Message.Content)
}
