<?php
$client = OpenAI::client(getenv('OPENAI_API_KEY'));
$client->chat()->create(['model' => 'gpt-4o', 'messages' => [['role' => 'user', 'content' => $argv[1]]]]);
