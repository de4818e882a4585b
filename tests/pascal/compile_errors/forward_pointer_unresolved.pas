{ error-line: 9 }
{ A pointer to a type the section never declares: fpc finds out where the
  type section ends, at the next token. }
program forward_pointer_unresolved;
type
  pnode = ^node;
  count = integer;

var p: pnode;
begin
  p := nil;
end.
