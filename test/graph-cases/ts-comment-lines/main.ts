// Docs for the packages we import
// - https://example.com/docs/page1
// - https://example.com/docs/page2
// - https://example.com/docs/page3
// - https://example.com/docs/page4
// - https://example.com/docs/page5
// - https://example.com/docs/page6
// - https://example.com/docs/page7
// - https://example.com/docs/page8
// - https://example.com/docs/page9
// - https://example.com/docs/page10
// - https://example.com/docs/page11
// - https://example.com/docs/page12
// - https://example.com/docs/page13
// - https://example.com/docs/page14
// - https://example.com/docs/page15
// - https://example.com/docs/page16
// - https://example.com/docs/page17
// - https://example.com/docs/page18
// - https://example.com/docs/page19
// - https://example.com/docs/page20
// - https://example.com/docs/page21
// - https://example.com/docs/page22
// - https://example.com/docs/page23
// - https://example.com/docs/page24
// - https://example.com/docs/page25
// - https://example.com/docs/page26
// - https://example.com/docs/page27
// - https://example.com/docs/page28
// - https://example.com/docs/page29
// - https://example.com/docs/page30
// - https://example.com/docs/page31
// - https://example.com/docs/page32
// - https://example.com/docs/page33
// - https://example.com/docs/page34
// - https://example.com/docs/page35
// - https://example.com/docs/page36
// - https://example.com/docs/page37
// - https://example.com/docs/page38
// - https://example.com/docs/page39
// - https://example.com/docs/page40
export function make(api: { create(): void }) {
  return api.create();
}
