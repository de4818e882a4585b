{ error-line: 8 }
{ error-match: unsupported: FillChar of a variable holding strings }
{ dvm-only: fpc fills the bytes of the string references too, leaking or corrupting them; dvm's strings are managed }
program FillCharManaged;
var
  names: array[1..3] of string;
begin
  FillChar(names, SizeOf(names), 0);
  writeln(names[1]);
end.
