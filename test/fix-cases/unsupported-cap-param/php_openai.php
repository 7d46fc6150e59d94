<?php
// 'max_tokens' on a GPT-5 chat completion is rejected: the key is renamed, its quotes kept.

$client = OpenAI::client(getenv('OPENAI_API_KEY'));
$client->chat()->create(['model' => 'gpt-5.5', 'max_tokens' => 300, 'messages' => [['role' => 'user', 'content' => 'Hello']]]);
