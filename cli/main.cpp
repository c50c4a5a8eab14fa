#include "app.hpp"

int main(int argc, char** argv) {
  return rehearse::cli::run(argc, argv);
}
