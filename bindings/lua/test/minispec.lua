-- A small stand-in for busted, for a Lua that busted does not run under: describe, it,
-- pending, before_each, after_each and the part of luassert the specs use. run(paths)
-- loads every *_spec.lua in the given files and folders, runs the tests, prints one line
-- per test and then "N passed, N failed", and returns true when none failed.
local M = {}

local function fmt(v)
    if type(v) == "string" then return ("%q"):format(v) end
    return tostring(v)
end

local function deepsame(a, b, seen)
    if a == b then return true end
    if type(a) ~= "table" or type(b) ~= "table" then return false end
    seen = seen or {}
    if seen[a] == b then return true end
    seen[a] = b
    for k, v in pairs(a) do
        if not deepsame(v, b[k], seen) then return false end
    end
    for k in pairs(b) do
        if a[k] == nil then return false end
    end
    return true
end

local function fail(msg, level)
    error(msg, (level or 1) + 2)
end

local function check(ok, msg)
    if not ok then fail(msg, 2) end
end

-- luassert-style assertions: assert(v, msg), assert.are.equal, assert.is_nil, ...
local A = {}
local function equal(expected, actual, msg)
    check(expected == actual, msg or ("Expected objects to be equal.\nPassed in: " ..
        fmt(actual) .. "\nExpected: " .. fmt(expected)))
end
local function not_equal(expected, actual, msg)
    check(expected ~= actual, msg or ("Expected objects to not be equal: " .. fmt(actual)))
end
local function same(expected, actual, msg)
    check(deepsame(expected, actual), msg or "Expected objects to be the same")
end
local function not_same(expected, actual, msg)
    check(not deepsame(expected, actual), msg or "Expected objects to not be the same")
end
A.equal, A.equals, A.same = equal, equal, same
A.are = { equal = equal, equals = equal, same = same }
A.are_not = { equal = not_equal, equals = not_equal, same = not_same }
A.is_nil = function(v, msg) check(v == nil, msg or ("Expected nil, got " .. fmt(v))) end
A.is_not_nil = function(v, msg) check(v ~= nil, msg or "Expected a value, got nil") end
A.is_true = function(v, msg) check(v == true, msg or ("Expected true, got " .. fmt(v))) end
A.is_false = function(v, msg) check(v == false, msg or ("Expected false, got " .. fmt(v))) end
A.truthy = function(v, msg) check(v, msg or ("Expected truthy, got " .. fmt(v))) end
A.falsy = function(v, msg) check(not v, msg or ("Expected falsy, got " .. fmt(v))) end
A.is_truthy, A.is_falsy = A.truthy, A.falsy
for _, t in ipairs({ "table", "string", "number", "function", "boolean", "userdata" }) do
    A["is_" .. t] = function(v, msg)
        check(type(v) == t, msg or ("Expected a " .. t .. ", got " .. type(v)))
    end
end
A.matches = function(pattern, s, msg)
    check(type(s) == "string" and s:find(pattern) ~= nil,
        msg or ("Expected " .. fmt(s) .. " to match " .. fmt(pattern)))
end
A.has_error = function(fn, msg)
    local ok, err = pcall(fn)
    check(not ok, "Expected an error")
    if msg ~= nil then
        if type(err) == "string" then err = err:gsub("^.-:%d+: ", "", 1) end
        check(err == msg, "Expected error " .. fmt(msg) .. ", got " .. fmt(err))
    end
end
A.has_no_error = function(fn, msg)
    local ok, err = pcall(fn)
    check(ok, msg or ("Expected no error, got " .. fmt(err)))
end
A.error_matches = function(fn, pattern, msg)
    local ok, err = pcall(fn)
    check(not ok, msg or "Expected an error")
    check(type(err) == "string" and err:find(pattern) ~= nil,
        msg or ("Expected error matching " .. fmt(pattern) .. ", got " .. fmt(err)))
end
A.is = A
setmetatable(A, {
    __call = function(_, v, msg, ...)
        if not v then fail(msg or "assertion failed!", 1) end
        return v, msg, ...
    end,
})

local tests, stack = {}, { { name = nil, before = {}, after = {} } }

local function chain(field)
    local out = {}
    for _, ctx in ipairs(stack) do
        for _, f in ipairs(ctx[field]) do out[#out + 1] = f end
    end
    return out
end

local function fullname(name)
    local parts = {}
    for _, ctx in ipairs(stack) do
        if ctx.name then parts[#parts + 1] = ctx.name end
    end
    parts[#parts + 1] = name
    return table.concat(parts, " ")
end

local env = {}
function env.describe(name, fn)
    stack[#stack + 1] = { name = name, before = {}, after = {} }
    fn()
    stack[#stack] = nil
end
env.context = env.describe
env.insulate, env.expose = env.describe, env.describe
function env.it(name, fn)
    local after = chain("after")
    tests[#tests + 1] = { name = fullname(name), fn = fn, before = chain("before"), after = after }
end
env.test = env.it
function env.pending(name)
    tests[#tests + 1] = { name = fullname(name), pending = true }
end
function env.before_each(fn) table.insert(stack[#stack].before, fn) end
function env.after_each(fn) table.insert(stack[#stack].after, fn) end
function env.setup(fn) fn() end
env.lazy_setup, env.strict_setup = env.setup, env.setup
function env.teardown() end -- run at exit, which is when the process ends anyway
env.lazy_teardown, env.strict_teardown = env.teardown, env.teardown

local function list_specs(paths)
    local files = {}
    for _, p in ipairs(paths) do
        if p:match("%.lua$") then
            files[#files + 1] = p
        else
            local ls = io.popen('ls "' .. p .. '"')
            for name in ls:lines() do
                if name:match("_spec%.lua$") then files[#files + 1] = p .. "/" .. name end
            end
            ls:close()
        end
    end
    table.sort(files)
    return files
end

function M.run(paths)
    for k, v in pairs(env) do _G[k] = v end
    _G.assert = A
    local passed, failed, skipped = 0, 0, 0
    for _, file in ipairs(list_specs(paths)) do
        local chunk, err = loadfile(file)
        if not chunk then
            print("FAIL load " .. file .. ": " .. tostring(err))
            failed = failed + 1
        else
            local ok, lerr = pcall(chunk)
            if not ok then
                print("FAIL load " .. file .. ": " .. tostring(lerr))
                failed = failed + 1
            end
        end
    end
    for _, t in ipairs(tests) do
        if t.pending then
            skipped = skipped + 1
            print("SKIP " .. t.name)
        else
            local ok, err = true, nil
            for _, f in ipairs(t.before) do
                if ok then ok, err = pcall(f) end
            end
            if ok then ok, err = xpcall(t.fn, debug.traceback) end
            for i = #t.after, 1, -1 do
                local aok, aerr = pcall(t.after[i])
                if ok and not aok then ok, err = false, aerr end
            end
            if ok then
                passed = passed + 1
                print("ok   " .. t.name)
            else
                failed = failed + 1
                print("FAIL " .. t.name .. "\n" .. tostring(err))
            end
        end
    end
    print(("%d passed, %d failed, %d skipped"):format(passed, failed, skipped))
    return failed == 0
end

return M
