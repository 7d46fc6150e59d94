// openai-go's optional cap is a param.Opt: MaxCompletionTokens is written with openai.Int.
package main

import (
	"context"

	"github.com/openai/openai-go/v3"
)

func main() {
	client := openai.NewClient()
	completion, err := client.Chat.Completions.New(context.TODO(), openai.ChatCompletionNewParams{
		Messages: []openai.ChatCompletionMessageParamUnion{
			openai.UserMessage("Say this is a test"),
		},
		Model: openai.ChatModelGPT5_2,
		MaxCompletionTokens: openai.Int(1024),
	})
	if err != nil {
		panic(err.Error())
	}
	println(completion.Choices[0].Message.Content)
}
