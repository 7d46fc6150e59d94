<?php
// An openai-php params array: the number is lowered to the model's maximum output.

$client = OpenAI::client(getenv('OPENAI_API_KEY'));
$client->chat()->create(['model' => 'gpt-4.1-mini', 'messages' => [['role' => 'user', 'content' => 'Hello']], 'max_completion_tokens' => 100000]);
