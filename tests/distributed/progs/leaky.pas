{ A service whose call fails after building strings: a failed served call
  must release what its frames held, or the node runs out of memory. }
program Leaky;
var calls: integer;

function pad(s: string): string;
var t: string;
begin
  t := s;
  while length(t) < 200 do t := t + s;
  pad := t;
end;

{$dvm export}
function reserve(client: integer; seq: integer; item: string): integer;
var a, b: string;
begin
  calls := calls + 1;
  a := pad(item);
  b := pad(a + item);
  if item = 'boom' then reserve := length(pad(b)) div (calls - calls)
  else reserve := length(a) + length(b);
end;

begin
  serve;
end.
