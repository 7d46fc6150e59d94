<?php
// openai-php/client params array over lines: 'max_completion_tokens' => 1024 (the API's own key, sent as written).

$client = OpenAI::client(getenv('OPENAI_API_KEY'));

$result = $client->chat()->create([
    'model' => 'gpt-5.5',
    'messages' => [
        ['role' => 'user', 'content' => 'Hello!'],
    ],
]);

echo $result->choices[0]->message->content;
