// Google's Gen AI SDK for Go: the cap goes into the config struct passed as the fourth argument.
package main

import (
	"context"
	"fmt"

	"google.golang.org/genai"
)

func main() {
	ctx := context.Background()
	client, _ := genai.NewClient(ctx, &genai.ClientConfig{Backend: genai.BackendGeminiAPI})
	config := &genai.GenerateContentConfig{
		SystemInstruction: genai.NewContentFromText("Answer in one sentence.", genai.RoleUser),
	}
	resp, err := client.Models.GenerateContent(ctx, "gemini-3-flash-preview", genai.Text("Why is the sky blue?"), config)
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.Text())
}
