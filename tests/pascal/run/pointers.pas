program Pointers;
{ Pointers: new, dispose, nil, dereference, pointers to records and integers, pointer
  assignment and comparison, pointer fields. }
type
  PInt = ^integer;
  PRec = ^TRec;
  TRec = record
    value: integer;
    name: string;
    next: PRec;
  end;
var
  a, b: PInt;
  r, s: PRec;
  pr: ^real;
begin
  new(a);
  a^ := 42;
  b := a;
  b^ := b^ + 1;
  writeln(a^, ' ', b^, ' ', a = b, ' ', a <> nil);
  new(b);
  b^ := 7;
  writeln(a^, ' ', b^, ' ', a = b);
  dispose(a);
  a := nil;
  writeln(a = nil, ' ', b <> nil);
  dispose(b);
  new(r);
  r^.value := 1;
  r^.name := 'first';
  r^.next := nil;
  new(s);
  s^.value := 2;
  s^.name := 'second';
  s^.next := r;
  writeln(s^.name, ' -> ', s^.next^.name, ' ', s^.next^.value);
  with s^ do
  begin
    value := value * 10;
    next^.value := next^.value + 100;
  end;
  writeln(s^.value, ' ', r^.value, ' ', s^.next^.next = nil);
  r^.next := s;
  writeln(s^.next^.next^.next^.name);
  r^.next := nil;
  dispose(s);
  dispose(r);
  new(pr);
  pr^ := 2.5;
  pr^ := pr^ * pr^;
  writeln(pr^:0:3);
  dispose(pr);
  a := nil;
  b := nil;
  writeln(a = b);
end.
