{ error-line: 7 }
{ error-match: illegal type declaration of set elements }
program SetTooLarge;
{ A set's elements must have ordinal values in 0..255. }
type
  TSmall = set of 0..9;
  TBig = set of integer;
var
  s: TSmall;
begin
  s := [1, 3];
  if 3 in s then writeln('three');
end.
