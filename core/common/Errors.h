#pragma once
// Typed exceptions thrown by core. Core never exits or prints: callers decide how to show these.
#include <stdexcept>
#include <string>

namespace m2ds {

/// Base of every error core throws; what() is a complete sentence for a user.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A file the user gave cannot be used: missing, unreadable, not audio, corrupt, too short.
/// what() reads "<path>: <reason>".
class InputError : public Error {
public:
    InputError(const std::string& path, const std::string& reason)
        : Error(path + ": " + reason), path_(path), reason_(reason) {}
    const std::string& path() const { return path_; }
    const std::string& reason() const { return reason_; }

private:
    std::string path_;
    std::string reason_;
};

/// A result could not be written (permissions, full disk); the previous file, if any, is untouched.
class OutputError : public Error {
public:
    OutputError(const std::string& path, const std::string& reason)
        : Error(path + ": " + reason), path_(path) {}
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// Thrown by long work when its CancelToken was set.
class CancelledError : public Error {
public:
    CancelledError() : Error("cancelled") {}
};

/// A caller passed an argument outside its documented range.
class InvalidArgument : public Error {
public:
    using Error::Error;
};

/// Training produced a non-finite loss; the message names the iteration and the last good checkpoint.
class TrainingDiverged : public Error {
public:
    using Error::Error;
};

}  // namespace m2ds
