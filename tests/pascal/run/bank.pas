program Bank;
{ A small bank simulator driven by commands on standard input:
    open NAME AMOUNT | deposit ID AMOUNT | withdraw ID AMOUNT | transfer FROM TO AMOUNT
    | interest PERCENT | report
  Amounts are in cents. }
const
  MaxAccounts = 10;
type
  TAccount = record
    name: string;
    balance: integer;
    open: boolean;
    ops: integer;
  end;
var
  accounts: array[1..MaxAccounts] of TAccount;
  count: integer;
  line, cmd: string;
  pos_: integer;
  errors: integer;

function NextWord: string;
var
  w: string;
begin
  w := '';
  while (pos_ <= length(line)) and (line[pos_] = ' ') do inc(pos_);
  while (pos_ <= length(line)) and (line[pos_] <> ' ') do
  begin
    w := w + line[pos_];
    inc(pos_);
  end;
  NextWord := w;
end;

function NextInt: integer;
var
  v, code: integer;
begin
  val(NextWord, v, code);
  if code <> 0 then v := -1;
  NextInt := v;
end;

function Valid(id: integer): boolean;
begin
  Valid := (id >= 1) and (id <= count) and accounts[id].open;
  if not Valid then
  begin
    writeln('  error: no account ', id);
    inc(errors);
  end;
end;

procedure Money(cents: integer);
begin
  if cents < 0 then write('-');
  write(abs(cents) div 100, '.');
  if abs(cents) mod 100 < 10 then write('0');
  write(abs(cents) mod 100);
end;

procedure Withdraw(id, amount: integer);
begin
  if not Valid(id) then exit;
  with accounts[id] do
    if amount > balance then
    begin
      write('  error: insufficient funds in ', name, ' (');
      Money(balance);
      writeln(')');
      inc(errors);
    end
    else
    begin
      balance := balance - amount;
      inc(ops);
    end;
end;

procedure Report;
var
  i, total: integer;
begin
  total := 0;
  for i := 1 to count do
    with accounts[i] do
      if open then
      begin
        write(i:3, ' ', name, '':12 - length(name));
        Money(balance);
        writeln(' (', ops, ' ops)');
        total := total + balance;
      end;
  write('  total ');
  Money(total);
  writeln;
end;

var
  a, b, amt, i, pct: integer;
begin
  count := 0;
  errors := 0;
  while not eof do
  begin
    readln(line);
    pos_ := 1;
    cmd := NextWord;
    if cmd = '' then continue;
    writeln('> ', line);
    if cmd = 'open' then
    begin
      inc(count);
      accounts[count].name := NextWord;
      accounts[count].balance := NextInt;
      accounts[count].open := true;
      accounts[count].ops := 0;
      writeln('  opened account ', count);
    end
    else if cmd = 'deposit' then
    begin
      a := NextInt;
      amt := NextInt;
      if Valid(a) then
      begin
        accounts[a].balance := accounts[a].balance + amt;
        inc(accounts[a].ops);
      end;
    end
    else if cmd = 'withdraw' then
    begin
      a := NextInt;
      Withdraw(a, NextInt);
    end
    else if cmd = 'transfer' then
    begin
      a := NextInt;
      b := NextInt;
      amt := NextInt;
      if Valid(b) then
      begin
        i := errors;
        Withdraw(a, amt);
        if errors = i then
        begin
          accounts[b].balance := accounts[b].balance + amt;
          inc(accounts[b].ops);
        end;
      end;
    end
    else if cmd = 'close' then
    begin
      a := NextInt;
      if Valid(a) then accounts[a].open := false;
    end
    else if cmd = 'interest' then
    begin
      pct := NextInt;
      for i := 1 to count do
        with accounts[i] do
          if open and (balance > 0) then
            balance := balance + round(balance * pct / 100);
    end
    else if cmd = 'report' then
      Report
    else
    begin
      writeln('  error: unknown command ', cmd);
      inc(errors);
    end;
  end;
  writeln(errors, ' errors');
end.
