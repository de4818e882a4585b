program Bad;
{$dvm export}
procedure inc2(var x: integer);
begin
  x := x + 2;
end;
begin
end.
