program DeclOrder;
{ const, type and var sections in any order and repeated; constant expressions;
  initialized globals. }
var
  first: integer;
const
  Base = 10;
  Twice = Base * 2;
  Neg = -Base + 3;
  Ratio = 2.5;
  Letter = 'q';
  Greeting = 'hello';
  Yes = true;
  No = not Yes;
  Combined = Greeting + ', world';
  Shifted = (Base shl 2) + (Twice div 3) - (Twice mod 7);
type
  TSmall = 1..Base;
var
  second: TSmall;
type
  TPair = record
    a, b: integer;
  end;
const
  Limit = Twice + 1;
var
  pair: TPair;
  counter: integer = 5;
  scale: real = 0.5;
  flag: boolean = true;
  mark: char = '*';
  title: string = 'initial';
  arr: array[1..Limit] of integer;

procedure Show;
const
  Local = Limit * 2;
type
  TLocal = array[0..2] of char;
var
  t: TLocal;
begin
  t[0] := 'a'; t[1] := 'b'; t[2] := 'c';
  writeln('local const ', Local, ' ', t[0], t[1], t[2]);
end;

begin
  first := Base;
  second := 7;
  pair.a := Twice;
  pair.b := Neg;
  arr[Limit] := 99;
  writeln(first, ' ', second, ' ', pair.a, ' ', pair.b);
  writeln(Twice, ' ', Neg, ' ', Shifted, ' ', Limit, ' ', arr[Limit], ' ', arr[1]);
  writeln(Ratio:0:2, ' ', Letter, ' ', Greeting, ' ', Yes, ' ', No);
  writeln(Combined, ' ', length(Combined));
  writeln(counter, ' ', scale:0:3, ' ', flag, ' ', mark, ' ', title);
  counter := counter + 1;
  title := title + '!';
  writeln(counter, ' ', title);
  Show;
end.
