program radix_strings;
{ hexStr, octStr, binStr: the lowest digits with leading zeros; values of 32
  bits or fewer as fpc's longint overloads show them. }
var i: longint; b: byte; q: int64;
begin
  writeln(hexStr(255, 1), ' ', hexStr(255, 0), '|', hexStr(-1, 8), ' ', binStr(-1, 10), ' ', octStr(511, 2), ' ', hexStr(4096, 20));
  i := -2; b := 200; q := -1;
  writeln(hexStr(i, 8), ' ', hexStr(b, 2), ' ', binStr(b, 8), ' ', octStr(i, 11), ' ', hexStr(q, 16), ' ', octStr(q, 22), ' ', binStr(q, 64));
end.
